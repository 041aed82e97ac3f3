package ide

import "github.com/layerwise/layerwise/analysis/rules"

// all is the rule list hover and completion explain.
var all = rules.All()
