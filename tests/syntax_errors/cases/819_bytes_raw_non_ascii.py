b = br'é'
