"'''''''''''''''''''''invalid\ Escape"
