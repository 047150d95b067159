"""Evidence and analysis with pandas: import, scores with intervals, themes, funnels, findings."""
