package template

// WriteStamp lets the tests of package template_test stamp a file again.
var WriteStamp = writeStamp
