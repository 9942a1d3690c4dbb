"""kg/knowledge"""
