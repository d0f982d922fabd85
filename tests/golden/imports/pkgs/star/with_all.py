__all__ = ["public", "_listed_private"]
public = "public"
_listed_private = "listed private"
not_listed = "not listed"
