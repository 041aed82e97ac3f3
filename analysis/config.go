package analysis

import (
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Config is the user's configuration: from `.layerwise.yaml` (found upward
// from the Dockerfile) or from the editor's settings. The zero value means
// "defaults everywhere".
//
//	rules:
//	  consecutive-run: off          # off | on | error | warning | info | hint
//	  large-base-image: { severity: hint }
//	trusted-base-images:            # never reported by large-base-image
//	  - registry.example.com/base/*
//	targets: [runtime]              # stages built with --target, besides the last
//	context: ..                     # the build context, when it is not inferred right
//	squash: true                    # built into one layer (buildah --layers=false, --squash)
type Config struct {
	Rules             map[string]RuleConfig
	TrustedBaseImages []string
	Targets           []string
	// Squash says whether the image is built into one layer (nil: not
	// said, inferred).
	Squash *bool
	// Context is the build context folder: absolute, or relative to
	// ContextBase (the configuration file's folder; "" for the Dockerfile's
	// own, as in editor settings). "" leaves it to inference.
	Context     string
	ContextBase string
	Path        string // where it was read from, for messages
}

// RuleConfig overrides one rule.
type RuleConfig struct {
	Off bool
	// On turns on a rule that is off by default (Rule.DefaultOff): `on`,
	// or any severity.
	On       bool
	Severity Severity // 0 keeps the rule's default
}

// ConfigError is a malformed configuration, with the line that is wrong.
type ConfigError struct {
	Path string
	Line int // 1-based; 0 when unknown
	Msg  string
}

func (e *ConfigError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

type rawConfig struct {
	Rules             map[string]yaml.Node `yaml:"rules"`
	TrustedBaseImages []string             `yaml:"trusted-base-images"`
	Targets           []string             `yaml:"targets"`
	Context           string               `yaml:"context"`
	Squash            *bool                `yaml:"squash"`
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// ParseConfig reads a `.layerwise.yaml` whose rule settings name rules of
// the list. Unknown keys, unknown rule IDs and unknown severities are
// errors, so a typo never silently does nothing.
func ParseConfig(data []byte, path string, rules []*Rule) (*Config, error) {
	var raw rawConfig
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&raw); err != nil && !errors.Is(err, io.EOF) {
		ce := &ConfigError{Path: path, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			ce.Line, _ = strconv.Atoi(m[1])
			ce.Msg = strings.TrimSpace(yamlLine.ReplaceAllString(ce.Msg, ""))
			ce.Msg = strings.TrimPrefix(strings.TrimPrefix(ce.Msg, "unmarshal errors:\n"), ": ")
		}
		return nil, ce
	}
	cfg := &Config{Rules: map[string]RuleConfig{}, TrustedBaseImages: raw.TrustedBaseImages, Targets: raw.Targets, Context: raw.Context, Squash: raw.Squash, Path: path}
	for id, node := range raw.Rules {
		if _, ok := FindRule(rules, id); !ok {
			return nil, &ConfigError{Path: path, Line: node.Line, Msg: fmt.Sprintf("unknown rule %q (see `layerwise rules`)", id)}
		}
		rc, err := parseRuleConfig(&node)
		if err != nil {
			return nil, &ConfigError{Path: path, Line: node.Line, Msg: fmt.Sprintf("rule %s: %v", id, err)}
		}
		cfg.Rules[id] = rc
	}
	for _, p := range cfg.TrustedBaseImages {
		if _, err := path2match(p, ""); err != nil {
			return nil, &ConfigError{Path: path, Msg: fmt.Sprintf("trusted-base-images: bad pattern %q", p)}
		}
	}
	return cfg, nil
}

func parseRuleConfig(node *yaml.Node) (RuleConfig, error) {
	switch node.Kind {
	case yaml.ScalarNode:
		return ruleSetting(node.Value)
	case yaml.MappingNode:
		var m struct {
			Severity string `yaml:"severity"`
			Enabled  *bool  `yaml:"enabled"`
		}
		if err := node.Decode(&m); err != nil {
			return RuleConfig{}, err
		}
		rc, err := ruleSetting(m.Severity)
		if m.Enabled != nil && !*m.Enabled {
			rc.Off = true
		}
		return rc, err
	}
	return RuleConfig{}, errors.New("want off, on or a severity")
}

// ruleSetting parses off/on/error/warning/info/hint.
func ruleSetting(s string) (RuleConfig, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "default":
		return RuleConfig{}, nil
	case "on", "true":
		return RuleConfig{On: true}, nil
	case "off", "false", "ignore", "none":
		return RuleConfig{Off: true}, nil
	case "error":
		return RuleConfig{On: true, Severity: SeverityError}, nil
	case "warning", "warn":
		return RuleConfig{On: true, Severity: SeverityWarning}, nil
	case "info", "information":
		return RuleConfig{On: true, Severity: SeverityInformation}, nil
	case "hint":
		return RuleConfig{On: true, Severity: SeverityHint}, nil
	}
	return RuleConfig{}, fmt.Errorf("unknown setting %q (want off, on, error, warning, info or hint)", s)
}

// TrustsBaseImage reports whether image matches a trusted-base-images glob.
func (c *Config) TrustsBaseImage(image string) bool {
	if c == nil {
		return false
	}
	for _, p := range c.TrustedBaseImages {
		if ok, _ := path2match(p, image); ok {
			return true
		}
	}
	return false
}

// path2match matches an image against a glob where * may cross slashes.
func path2match(pattern, image string) (bool, error) {
	if strings.HasSuffix(pattern, "/*") && strings.HasPrefix(image, strings.TrimSuffix(pattern, "*")) {
		return true, nil
	}
	return path.Match(pattern, image)
}
