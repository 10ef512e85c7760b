// Package i18n gives errors a Chinese and an English text. Error() is the
// Chinese text, the default of every message; Text renders an error, and
// every bilingual error in its chain, in the language asked for.
// errors.Is and errors.As see through a bilingual error to the errors it
// was made from, as with fmt.Errorf and %w.
package i18n
