package p

// Name is the package's one declaration outside its tests.
const Name = "p"
