"""The demo site: the story "Russian peacekeepers leave Karabakh" and its context (load_demo)."""
