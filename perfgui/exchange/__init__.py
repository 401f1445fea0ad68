"""Files staff send each other: our own JSON file, Excel, pasted text, email drafts."""
