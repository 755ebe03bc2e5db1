import Plotly from 'plotly.js/lib/core';
import scatter from 'plotly.js/lib/scatter';
import heatmap from 'plotly.js/lib/heatmap';
import bar from 'plotly.js/lib/bar';

// A partial bundle: only the trace types the explorer draws (several times smaller than the full dist).
Plotly.register([scatter, heatmap, bar]);

export default Plotly;
export type { Data, Layout, Config, PlotlyHTMLElement } from 'plotly.js';
