// Package ooxml is the small layer of Office Open XML that the tool reads
// and edits spreadsheet packages with, without a spreadsheet model in
// between. It holds:
//
//   - the budgets checked on a package's zip directory when it is opened
//     (Budget), and the zip index over the package's bytes, with lazy,
//     bounded part reads and the raw copy of untouched entries (Zip,
//     ReadZipFile, CopyRaw, FastInflate, FastDeflate);
//   - the byte-level XML tokenizer the reader uses (Token, ScanXML: the plain
//     XML Office writes, with encoding/xml's reading and error wording for
//     the rest);
//   - the tag scanner and splicer the editor uses (ScanTags, AttrValue,
//     WithAttrs, TextOf, EscapeText, Splice, ApplySplices: every byte not
//     edited stays as it was);
//   - relationships (RelsOf, Resolve, Relative, ParseRels);
//   - the one A1 parser (ParseRef, Ref, ColName, ColNumber).
//
// It knows parts, tags and cell references, nothing of what a workbook is
// used for; the reader and the write-back of package workbook are built on
// it. New files are created with excelize elsewhere; this package never
// imports it.
package ooxml
