package metrics

import (
	"io"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// Families are scraped metrics by name, as Prometheus' text parser reads
// them: for tests and load tools that check what a scraper would see.
type Families map[string]*dto.MetricFamily

// ParseText reads metrics in Prometheus' text format, as Handler writes
// them.
func ParseText(r io.Reader) (Families, error) {
	p := expfmt.NewTextParser(model.UTF8Validation)
	return p.TextToMetricFamilies(r)
}

// Metric returns the metric of family name whose labels include every one
// of want, or nil.
func (f Families) Metric(name string, want map[string]string) *dto.Metric {
	fam := f[name]
	if fam == nil {
		return nil
	}
	for _, m := range fam.GetMetric() {
		if hasLabels(m, want) {
			return m
		}
	}
	return nil
}

func hasLabels(m *dto.Metric, want map[string]string) bool {
	for k, v := range want {
		found := false
		for _, l := range m.GetLabel() {
			if l.GetName() == k && l.GetValue() == v {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// Value is a counter's or gauge's value, or a histogram's count of
// observations, of the metric Metric finds; -1 when there is none.
func (f Families) Value(name string, labels map[string]string) float64 {
	m := f.Metric(name, labels)
	switch {
	case m == nil:
		return -1
	case m.Counter != nil:
		return m.Counter.GetValue()
	case m.Gauge != nil:
		return m.Gauge.GetValue()
	case m.Histogram != nil:
		return float64(m.Histogram.GetSampleCount())
	}
	return -1
}
