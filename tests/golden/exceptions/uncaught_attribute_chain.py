# Carets for a failing call at the end of an attribute chain, inside a method.
class Engine:
    def start(self):
        return self.config.settings.ignition()
class Config:
    settings = None
e = Engine()
e.config = Config()
e.start()
