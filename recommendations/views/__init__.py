"""The plan's pages: thin views that check who may do what, call one service or
selector, and render. Views may import anything of the app; nothing imports them."""
