Route #1: 1 2 99999999
Cost 10
