Route #1: 1 2
Cost 10
Cost 11
