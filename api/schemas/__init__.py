"""Request and response models, in families per resource (XCreate, XUpdate, XPublic)."""
