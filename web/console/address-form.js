import { field, h } from './dom.js';

/** The shipping address fields (checkout, and paying an auction's order, which has none yet). */
export function addressFields(name = '') {
  return h(
    'fieldset',
    { class: 'address' },
    h('legend', {}, 'Shipping address'),
    field('Name', { name: 'name', required: true, autocomplete: 'name', value: name }),
    field('Street', { name: 'line1', required: true, autocomplete: 'address-line1', value: '1 Demo Street' }),
    field('City', { name: 'city', required: true, autocomplete: 'address-level2', value: 'Lyon' }),
    field('Postal code', { name: 'postalCode', required: true, autocomplete: 'postal-code', value: '69001' }),
    field('Country (2 letters)', { name: 'country', required: true, pattern: '[A-Z]{2}', value: 'FR' }),
  );
}

/** The address a form's fields hold, as the API takes it. */
export function addressOf(form) {
  const data = new FormData(form);
  const text = (name) => String(data.get(name) ?? '').trim();
  return {
    name: text('name'),
    line1: text('line1'),
    city: text('city'),
    postalCode: text('postalCode'),
    country: text('country').toUpperCase(),
  };
}
