"""kg/web"""
