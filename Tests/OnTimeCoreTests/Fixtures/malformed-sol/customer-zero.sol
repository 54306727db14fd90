Route #1: 0 1 2
Cost 10
