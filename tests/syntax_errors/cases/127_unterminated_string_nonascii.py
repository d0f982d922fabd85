ä = 'thîs is
