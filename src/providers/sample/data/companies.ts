import { generateContact, type SampleContact } from './people';
import type { Prng } from './prng';

type Region = 'US' | 'EU';

export interface SampleCompany {
  id: string;
  name: string;
  domain: string;
  region: Region;
  industry: string;
  contacts: SampleContact[];
}

/** [name, web domain, region, industry]: EU companies deal in EUR, the rest in USD. */
const COMPANY_ROWS: ReadonlyArray<readonly [string, string, Region, string]> = [
  ['Northwind Traders', 'northwind.example', 'US', 'Wholesale'],
  ['Globex', 'globex.example', 'US', 'Manufacturing'],
  ['Initech', 'initech.example', 'US', 'Software'],
  ['Contoso Pharmaceuticals', 'contoso.example', 'US', 'Healthcare'],
  ['Fabrikam Residences', 'fabrikam.example', 'US', 'Real estate'],
  ['Tailspin Toys', 'tailspin.example', 'US', 'Retail'],
  ['Wide World Importers', 'wideworld.example', 'US', 'Logistics'],
  ['Adventure Works Cycles', 'adventure-works.example', 'US', 'Manufacturing'],
  ['Litware', 'litware.example', 'US', 'Software'],
  ['Proseware', 'proseware.example', 'US', 'Software'],
  ['Woodgrove Bank', 'woodgrove.example', 'US', 'Financial services'],
  ['Alpine Ski House', 'alpineskihouse.example', 'US', 'Hospitality'],
  ['Coho Winery', 'cohowinery.example', 'US', 'Food & beverage'],
  ['Fourth Coffee', 'fourthcoffee.example', 'US', 'Food & beverage'],
  ['Lamna Healthcare', 'lamna.example', 'US', 'Healthcare'],
  ["Margie's Travel", 'margiestravel.example', 'US', 'Travel'],
  ['Trey Research', 'treyresearch.example', 'US', 'Research'],
  ['VanArsdel', 'vanarsdel.example', 'US', 'Consumer goods'],
  ['Wingtip Toys', 'wingtiptoys.example', 'US', 'Retail'],
  ['Blue Yonder Airlines', 'blueyonder.example', 'US', 'Aviation'],
  ['City Power & Light', 'cpandl.example', 'US', 'Utilities'],
  ['Humongous Insurance', 'humongous.example', 'US', 'Insurance'],
  ['Lucerne Publishing', 'lucernepublishing.example', 'US', 'Media'],
  ['Southridge Video', 'southridgevideo.example', 'US', 'Media'],
  ['Tailwind Traders', 'tailwindtraders.example', 'US', 'Retail'],
  ['Relecloud', 'relecloud.example', 'US', 'Software'],
  ["Munson's Pickles and Preserves", 'munsons.example', 'US', 'Food & beverage'],
  ['Hooli', 'hooli.example', 'US', 'Software'],
  ['Acme Corporation', 'acme.example', 'US', 'Manufacturing'],
  ['Soylent Industries', 'soylent.example', 'US', 'Food & beverage'],
  ['Vandelay Industries', 'vandelay.example', 'US', 'Logistics'],
  ['Cyberdyne Systems', 'cyberdyne.example', 'US', 'Robotics'],
  ['Massive Dynamic', 'massivedynamic.example', 'US', 'Research'],
  ['Gringotts Lending', 'gringotts.example', 'US', 'Financial services'],
  ['Oceanic Airlines', 'oceanic.example', 'US', 'Aviation'],
  ['Pied Piper', 'piedpiper.example', 'US', 'Software'],
  ['Dunder Mifflin Paper', 'dundermifflin.example', 'US', 'Wholesale'],
  ['Bluth Company', 'bluth.example', 'US', 'Real estate'],
  ['Wonka Confections', 'wonka.example', 'US', 'Food & beverage'],
  ['Sterling Cooper Advertising', 'sterlingcooper.example', 'US', 'Marketing'],
  ['Hawkins Energy', 'hawkinsenergy.example', 'US', 'Utilities'],
  ['Greenfield Analytics', 'greenfield.example', 'US', 'Software'],
  ['Harbor & Pine Outfitters', 'harborpine.example', 'US', 'Retail'],
  ['Summit Ridge Health', 'summitridge.example', 'US', 'Healthcare'],
  ['Müller & Söhne GmbH', 'mueller-soehne.example', 'EU', 'Manufacturing'],
  ['Café Lumière SARL', 'cafe-lumiere.example', 'EU', 'Hospitality'],
  ['Østergaard Logistik ApS', 'ostergaard.example', 'EU', 'Logistics'],
  ['Zürich Präzision AG', 'zuerich-praezision.example', 'EU', 'Manufacturing'],
  ['Brennan & Lowe Ltd', 'brennanlowe.example', 'EU', 'Financial services'],
  ['Vinhos do Douro Lda', 'vinhosdouro.example', 'EU', 'Food & beverage'],
  ['Nordlys Energi AS', 'nordlys.example', 'EU', 'Utilities'],
  ['Bellavista Moda S.p.A.', 'bellavista.example', 'EU', 'Retail'],
  ['Van Dijk Bouw B.V.', 'vandijkbouw.example', 'EU', 'Construction'],
  ['Kowalczyk Software Sp. z o.o.', 'kowalczyk.example', 'EU', 'Software'],
  ['Helsinki Data Oy', 'helsinkidata.example', 'EU', 'Software'],
  ['Iberia Solar S.L.', 'iberiasolar.example', 'EU', 'Utilities'],
  ['Akropolis Shipping S.A.', 'akropolis.example', 'EU', 'Logistics'],
  ['Wiener Versicherung AG', 'wiener-vers.example', 'EU', 'Insurance'],
  ['Lyon Biotech SAS', 'lyonbiotech.example', 'EU', 'Healthcare'],
  ['Dublin Fintech Labs', 'dublinfintech.example', 'EU', 'Financial services'],
  ['Bruxelles Médias SA', 'bruxellesmedias.example', 'EU', 'Media'],
  ['Hamburger Hafen Digital', 'hafen-digital.example', 'EU', 'Logistics'],
];

/** A company whose name carries HTML, so the UI can be shown to render names as text. */
export const MARKUP_COMPANY_NAME = '<img src=x onerror=alert(1)> Markup Test Ltd';

export function generateCompanies(rng: Prng): SampleCompany[] {
  const rows = [...COMPANY_ROWS, [MARKUP_COMPANY_NAME, 'markup-test.example', 'US', 'Security'] as const];
  let contactNumber = 0;
  return rows.map(([name, domain, region, industry], index) => {
    const contacts = Array.from({ length: rng.int(1, 3) }, () =>
      generateContact(rng, `person-${String(++contactNumber).padStart(3, '0')}`),
    );
    return { id: `company-${String(index + 1).padStart(3, '0')}`, name, domain, region, industry, contacts };
  });
}
