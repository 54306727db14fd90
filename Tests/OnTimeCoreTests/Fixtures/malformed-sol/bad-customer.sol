Route #1: 1 x 3
