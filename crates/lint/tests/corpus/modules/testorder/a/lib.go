package a

// Name is the package's name.
func Name() string { return "a" }
