"""Image -> number: load, preprocess, segment, recognise. No torch at run time, no Qt."""
