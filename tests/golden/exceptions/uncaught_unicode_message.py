# Non-ASCII exception messages and a multi-line message in an uncaught exception.
raise ValueError("naïve café ☃ 日本語\nsecond line of the message")
