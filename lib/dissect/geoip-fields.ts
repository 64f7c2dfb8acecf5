// The GeoIP fields Wireshark registers under both ip and ipv6 (tsshark has no GeoIP database, so they are
// declared for -G fields and filters, and never filled in).
import type { FieldSpec } from "./field.ts";

export const GEOIP_FIELDS = {
  "geoip.country": { name: "Source or Destination GeoIP Country", type: "FT_STRING" },
  "geoip.country_iso": { name: "Source or Destination GeoIP ISO Two Letter Country Code", type: "FT_STRING" },
  "geoip.city": { name: "Source or Destination GeoIP City", type: "FT_STRING" },
  "geoip.asnum": { name: "Source or Destination GeoIP AS Number", type: "FT_UINT32", base: "BASE_DEC" },
  "geoip.org": { name: "Source or Destination GeoIP AS Organization", type: "FT_STRING" },
  "geoip.lat": { name: "Source or Destination GeoIP Latitude", type: "FT_DOUBLE" },
  "geoip.lon": { name: "Source or Destination GeoIP Longitude", type: "FT_DOUBLE" },
  "geoip.src_summary": { name: "Source GeoIP", type: "FT_STRING" },
  "geoip.src_country": { name: "Source GeoIP Country", type: "FT_STRING" },
  "geoip.src_country_iso": { name: "Source GeoIP ISO Two Letter Country Code", type: "FT_STRING" },
  "geoip.src_city": { name: "Source GeoIP City", type: "FT_STRING" },
  "geoip.src_asnum": { name: "Source GeoIP AS Number", type: "FT_UINT32", base: "BASE_DEC" },
  "geoip.src_org": { name: "Source GeoIP AS Organization", type: "FT_STRING" },
  "geoip.src_lat": { name: "Source GeoIP Latitude", type: "FT_DOUBLE" },
  "geoip.src_lon": { name: "Source GeoIP Longitude", type: "FT_DOUBLE" },
  "geoip.dst_summary": { name: "Destination GeoIP", type: "FT_STRING" },
  "geoip.dst_country": { name: "Destination GeoIP Country", type: "FT_STRING" },
  "geoip.dst_country_iso": { name: "Destination GeoIP ISO Two Letter Country Code", type: "FT_STRING" },
  "geoip.dst_city": { name: "Destination GeoIP City", type: "FT_STRING" },
  "geoip.dst_asnum": { name: "Destination GeoIP AS Number", type: "FT_UINT32", base: "BASE_DEC" },
  "geoip.dst_org": { name: "Destination GeoIP AS Organization", type: "FT_STRING" },
  "geoip.dst_lat": { name: "Destination GeoIP Latitude", type: "FT_DOUBLE" },
  "geoip.dst_lon": { name: "Destination GeoIP Longitude", type: "FT_DOUBLE" },
} as const satisfies Record<string, FieldSpec>;
