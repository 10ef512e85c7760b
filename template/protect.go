package template

import "github.com/xuri/excelize/v2"

// passwordAlgorithm hashes protection passwords.
const passwordAlgorithm = "SHA-512"

// protect locks every sheet (people may select any cell and resize rows and
// columns) and the workbook structure, with the password when one is given.
func (b *builder) protect() error {
	for _, sheet := range b.f.GetSheetList() {
		opts := &excelize.SheetProtectionOptions{
			SelectLockedCells: true, SelectUnlockedCells: true,
			FormatColumns: true, FormatRows: true,
			// A blank template lets a unit insert indicator rows between its
			// rows (they take the input cells, validations and sums along);
			// a prefilled one has exactly the approved indicators.
			InsertRows: sheet == b.sheet && b.o.Prefill == nil,
		}
		if b.o.Password != "" {
			opts.AlgorithmName, opts.Password = passwordAlgorithm, b.o.Password
		}
		if err := b.f.ProtectSheet(sheet, opts); err != nil {
			return err
		}
	}
	return b.f.ProtectWorkbook(&excelize.WorkbookProtectionOptions{
		LockStructure: true, Password: b.o.Password, AlgorithmName: passwordAlgorithm,
	})
}
