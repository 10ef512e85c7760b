// Command selfeval issues, reads, validates, scores and writes back the
// project-expenditure performance self-evaluation form (财政项目支出绩效自评表).
package main
