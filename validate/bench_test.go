package validate

import "testing"

func BenchmarkCheckMOF2020(b *testing.B) {
	f := seedMOF1().build()
	p := DefaultProfile()
	b.ReportAllocs()
	for b.Loop() {
		Check(f, p, Chinese)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "forms/s")
}

func BenchmarkCheckSH2019(b *testing.B) {
	f := seedSH().build()
	p := DefaultProfile()
	b.ReportAllocs()
	for b.Loop() {
		Check(f, p, Chinese)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "forms/s")
}
