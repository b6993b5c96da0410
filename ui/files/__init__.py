"""The 文件 tab: the file table and its model, the items and folders tree."""
