// GeoIncidents map client: OpenLayers, vector layers only (no tiles: the service may run offline).
// Talks to the service over HTTP only, relative to /map/ (OGC API - Features items as GeoJSON, lon/lat).
import 'ol/ol.css';
import './style.css';
import Map from 'ol/Map.js';
import View from 'ol/View.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { Fill, Stroke, Style, Circle as CircleStyle, Text } from 'ol/style.js';
import { defaults as defaultControls, ScaleLine, Attribution } from 'ol/control.js';

const api = new URL('../', window.location.href);
const format = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

const lineColours = { 'ne-10m': '#c0392b', 'osm-2020': '#1e8449' };
const styles = {
  regions: (f) => new Style({
    stroke: new Stroke({ color: f.get('kind') === 'country' ? '#556' : '#99a', width: f.get('kind') === 'country' ? 1.6 : 0.7 }),
    fill: new Fill({ color: f.get('kind') === 'country' ? 'rgba(0,0,0,0)' : 'rgba(255,255,255,0.25)' }),
  }),
  'reference-lines': (f) => new Style({
    stroke: new Stroke({ color: lineColours[f.getId()] ?? '#333', width: 2.2, lineDash: f.getId() === 'ne-10m' ? [8, 5] : undefined }),
  }),
  places: (f) => new Style({
    image: new CircleStyle({ radius: 4, fill: new Fill({ color: '#223' }), stroke: new Stroke({ color: '#fff', width: 1 }) }),
    text: new Text({ text: f.get('name'), offsetY: -10, font: '12px "DejaVu Sans", sans-serif', stroke: new Stroke({ color: '#fff', width: 3 }) }),
  }),
};
const titles = { regions: 'Regions', 'reference-lines': 'Reference border lines', places: 'Places' };

const layers = {};
for (const id of Object.keys(styles)) {
  layers[id] = new VectorLayer({ source: new VectorSource(), style: styles[id], properties: { id } });
}

const map = new Map({
  target: 'map',
  layers: Object.values(layers),
  controls: defaultControls({ attribution: false }).extend([new ScaleLine(), new Attribution({ collapsible: false })]),
  view: new View({ center: [5160000, 4800000], zoom: 7 }),
});

async function loadCollection(id) {
  const features = [];
  let url = new URL(`collections/${id}/items?limit=10000`, api);
  while (url) {
    const response = await fetch(url, { headers: { Accept: 'application/geo+json' } });
    if (!response.ok) throw new Error(`${id}: HTTP ${response.status}`);
    const page = await response.json();
    features.push(...format.readFeatures(page));
    const next = (page.links ?? []).find((l) => l.rel === 'next');
    url = next ? new URL(next.href, api) : null;
  }
  return features;
}

function attributionsOf(features) {
  const seen = new Set();
  for (const f of features) {
    const a = f.get('attribution') ?? (String(f.get('source') ?? '').includes('GeoNames') ? 'Place coordinates: GeoNames (geonames.org), CC BY 4.0' : null);
    if (a) seen.add(a);
  }
  return [...seen];
}

function showDetails(feature) {
  const details = document.getElementById('details');
  const rows = Object.entries(feature.getProperties()).filter(([k]) => k !== 'geometry' && k !== 'parts');
  const table = document.createElement('table');
  for (const [k, v] of [['id', feature.getId()], ...rows]) {
    const tr = table.insertRow();
    tr.insertCell().textContent = k;
    tr.insertCell().textContent = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  details.replaceChildren(table);
}

map.on('singleclick', (e) => {
  const hit = map.forEachFeatureAtPixel(e.pixel, (f) => f, { hitTolerance: 4 });
  if (hit) showDetails(hit);
});

const fieldset = document.getElementById('layers');
for (const [id, layer] of Object.entries(layers)) {
  const label = document.createElement('label');
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.checked = true;
  box.dataset.layer = id;
  box.addEventListener('change', () => layer.setVisible(box.checked));
  label.append(box, ` ${titles[id]}`);
  fieldset.append(label, document.createElement('br'));
}

async function start() {
  const status = document.getElementById('status');
  try {
    const counts = {};
    for (const id of Object.keys(layers)) {
      const features = await loadCollection(id);
      layers[id].getSource().addFeatures(features);
      layers[id].getSource().setAttributions(attributionsOf(features));
      counts[id] = features.length;
    }
    const extent = layers['reference-lines'].getSource().getExtent();
    map.getView().fit(extent, { padding: [40, 40, 40, 40] });
    status.textContent = `regions: ${counts.regions}, reference lines: ${counts['reference-lines']}, places: ${counts.places}`;
    document.body.dataset.ready = 'true';
  } catch (err) {
    status.textContent = `error: ${err.message}`;
    document.body.dataset.ready = 'error';
  }
}

start();
