/**
 * Decodes a TopoJSON topology (quantized, delta-encoded arcs) into a GeoJSON FeatureCollection, so the shipped
 * Natural Earth map (ui/maps/countries-110m.json, 108 KB) needs no converter at build time.
 * Spec: https://github.com/topojson/topojson-specification
 */
export function toFeatureCollection(topology, objectName) {
  const transform = topology.transform;
  const arcs = topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map((position) => {
      if (!transform) return position.slice(0, 2);
      x += position[0];
      y += position[1];
      return [x * transform.scale[0] + transform.translate[0], y * transform.scale[1] + transform.translate[1]];
    });
  });
  const arcPoints = (index) => (index >= 0 ? arcs[index] : [...arcs[~index]].reverse());
  const ring = (indexes) => {
    const points = [];
    indexes.forEach((index, position) => {
      const next = arcPoints(index);
      points.push(...(position === 0 ? next : next.slice(1)));
    });
    return points;
  };
  const geometry = (object) => {
    switch (object.type) {
      case 'Polygon': return { type: 'Polygon', coordinates: object.arcs.map(ring) };
      case 'MultiPolygon': return { type: 'MultiPolygon', coordinates: object.arcs.map((polygon) => polygon.map(ring)) };
      default: return null;
    }
  };
  const collection = topology.objects[objectName];
  return {
    type: 'FeatureCollection',
    features: collection.geometries.map((object) => ({ type: 'Feature', id: object.id,
      properties: { name: object.properties?.name ?? String(object.id ?? '') }, geometry: geometry(object) }))
      .filter((feature) => feature.geometry !== null),
  };
}
