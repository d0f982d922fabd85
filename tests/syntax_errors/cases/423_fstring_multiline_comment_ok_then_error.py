x = f'''{a # comment
}'''
y = ]
