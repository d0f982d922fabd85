# Implicit chaining: an exception raised while handling another prints both, with the "During handling" banner.
def load(cfg):
    try:
        return cfg["path"]
    except KeyError:
        raise ValueError("config is missing 'path'")
load({})
