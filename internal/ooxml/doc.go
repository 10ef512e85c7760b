// Package ooxml is the small layer of Office Open XML that the tool reads
// and edits spreadsheet packages with, without a spreadsheet model in
// between. It holds:
//
//   - the budgets checked on a package's zip directory when it is opened
//     (Budget), and the zip index over the package's bytes, with lazy,
//     bounded part reads and the raw copy of untouched entries (Zip,
//     ReadZipFile, CopyRaw, FastInflate, FastDeflate);
//   - the one byte-level XML tokenizer (Token, ScanXML: the plain XML
//     Office writes, with encoding/xml's reading and error wording for the
//     rest; every token with its byte offsets), whose tags mode is the tag
//     scanner the editors use (ScanTags); the splicer built on its tags
//     (AttrValue, WithAttrs, TextOf, EscapeText, Splice, ApplySplices: every
//     byte not edited stays as it was);
//   - the namespaces of a package, transitional or strict (Flavour,
//     FlavourOf), and the prefix a part binds to them (RootPrefix,
//     NSPrefix, PrefixNames, PrefixAll: what an editor adds takes it);
//   - the one relationships model (ParseRels, EditRels: every .rels part
//     read or edited, ids allocated against the part, RelsOf, Resolve,
//     Relative);
//   - the one content-types model (EditContentTypes: lookup, overrides
//     and defaults added and removed);
//   - the styles editor (EditStyles: fonts, fills, borders, cell and
//     differential formats appended, ids counted by the entries' element
//     name only);
//   - notes: the comments part (EditComments, NewComments) and VML
//     drawings (EditVML, NewVML, shape-id blocks allocated against every
//     drawing: VMLUsedBlocks, FreeBlocks; the worksheet's link to them,
//     LegacyDrawing);
//   - the one A1 parser (ParseRef, Ref, ColName, ColNumber).
//
// Each editor keeps every byte of a part it does not change: it finds
// what it edits with ScanTags and splices text in.
//
// It knows parts, tags and cell references, nothing of what a workbook is
// used for; the reader and the write-back of package workbook are built on
// it. New files are created with excelize elsewhere; this package never
// imports it.
package ooxml
