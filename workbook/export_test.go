package workbook

// Update is the -update flag, for the golden files of the external tests.
var Update = update
