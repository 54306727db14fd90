Route #1: 1 2
Cost 1e300
