NAME = "rel package"
