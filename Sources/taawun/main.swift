print("taawun")
