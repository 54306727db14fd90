Route #1: 5 3 1
route 2 : 2 4
cost: 1234
