Vehicle #1: truck
Cost 0
