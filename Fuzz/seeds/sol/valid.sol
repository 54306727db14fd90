Route #1: 1 2 3
Route #2: 4 5
Route #3:
Cost 827.3
