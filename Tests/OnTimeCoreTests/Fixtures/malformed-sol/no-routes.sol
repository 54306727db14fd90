Cost 123
