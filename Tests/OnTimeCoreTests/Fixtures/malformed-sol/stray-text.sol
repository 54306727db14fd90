Route #1: 1 2
Objective: 10
