package form

// Level is a first-level indicator with the second-level indicators that
// belong to it.
type Level struct {
	Name     string
	Children []string // official second-level names, for dropdowns
	Accepted []string // also accepted when read (older forms), not offered
}

// Taxonomy is the mof2020 indicator taxonomy (RULES §2.2), in form order.
var Taxonomy = []Level{
	{Name: "成本指标", Children: []string{"经济成本指标", "社会成本指标", "生态环境成本指标"}},
	{Name: "产出指标", Children: []string{"数量指标", "质量指标", "时效指标"}, Accepted: []string{"成本指标"}},
	{Name: "效益指标", Children: []string{"经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"}},
	{Name: "满意度指标", Children: []string{"服务对象满意度指标"}, Accepted: []string{"满意度指标"}},
}

// Outcomes are the qualitative outcomes offered on 实际完成值.
var Outcomes = []string{"达成指标", "部分达成指标", "未达成指标"}

// LevelOf returns the first-level entry with the given name, or nil.
func LevelOf(name string) *Level {
	for i := range Taxonomy {
		if Taxonomy[i].Name == name {
			return &Taxonomy[i]
		}
	}
	return nil
}
