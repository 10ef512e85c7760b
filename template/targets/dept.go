package targets

// The dept form's targets: the department's header and budget, its 年初绩效目标
// and its common and own indicators with their weights.
func init() {
	columns["dept"] = []Column{
		{Header: "年度", Key: "year", To: "year", Project: true, Rule: "omitempty,year"},
		{Header: "部门（单位）名称", Aliases: []string{"部门(单位)名称", "部门名称", "单位名称"}, Key: "project", To: "fields.project", Project: true, Rule: "required,max=200"},
		{Header: "主管部门", Key: "department", To: "fields.department", Project: true, Rule: "max=200"},
		{Header: "年初预算数", Aliases: []string{"年初预算数（万元）", "年初预算"}, Key: "initial", To: "grid.total.initial", Project: true, Rule: "omitempty,amount"},
		{Header: "全年（调整）预算数", Aliases: []string{"全年(调整)预算数", "全年预算数", "调整后预算数"}, Key: "budget", To: "grid.total.budget", Project: true, Rule: "omitempty,amount"},
		{Header: "年初绩效目标", Aliases: []string{"年度绩效目标", "绩效目标"}, Key: "goal", To: "fields.goal", Project: true, Rule: "required,max=5000"},
		{Header: "一级指标", Key: "level1", To: "rows.level1", Rule: "max=100"},
		{Header: "二级指标", Key: "level2", To: "rows.level2", Rule: "max=100"},
		{Header: "指标名称", Aliases: []string{"三级指标"}, Key: "name", To: "rows.name", Rule: "required,max=500"},
		{Header: "计量单位", Aliases: []string{"度量单位"}, Key: "unit", To: "rows.unit", Rule: "max=20"},
		{Header: "指标性质", Key: "nature", To: "rows.nature", Rule: "omitempty,oneof=定量 定性"},
		{Header: "年初指标值", Aliases: []string{"年度指标值", "指标值"}, Key: "planned", To: "rows.planned", Rule: "required,target"},
		{Header: "指标权重", Aliases: []string{"指标权重（分）", "指标权重(分)", "权重", "分值"}, Key: "weight", To: "rows.weight", Rule: "required,weight"},
		{Header: "是否核心指标", Key: "core", To: "rows.core", Rule: "omitempty,oneof=是 否"},
	}
}
