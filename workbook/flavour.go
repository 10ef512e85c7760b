package workbook

import "github.com/selfeval/selfeval/internal/ooxml"

// flavour returns the namespaces of the package (transitional or strict),
// by its workbook part: the parts and relationships the write-back adds
// take them.
func (d *directPkg) flavour() (ooxml.Flavour, error) {
	data, err := d.read(d.p.wbPart)
	if err != nil {
		return ooxml.Flavour{}, err
	}
	return ooxml.FlavourOf(data), nil
}
