"""kg/extract"""
