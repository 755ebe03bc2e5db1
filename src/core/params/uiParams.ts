import { bool, text, type TextSpec } from './spec';

/**
 * Classroom link keys: how the page is presented, not what it computes. None is a visible
 * control (no `views`); the page sets them (pin buttons) or a teacher writes them into a link.
 */

/** A list of names: `hide=controls,sim,p`. */
const NAME_LIST = /^[A-Za-z][A-Za-z0-9]{0,23}(,[A-Za-z][A-Za-z0-9]{0,23}){0,39}$/;

/**
 * One pinned comparison: the pin's parameters as `key_value` pairs joined by `*`
 * (`alphaT_-1*alphaR_0.2*p_80`); characters a query string keeps readable. The page parses it
 * with the same codec as a link and drops a pin whose values are not valid.
 */
export const PIN_PATTERN =
  /^[A-Za-z][A-Za-z0-9]{0,23}_[-+.,0-9A-Za-z]{1,40}(\*[A-Za-z][A-Za-z0-9]{0,23}_[-+.,0-9A-Za-z]{1,40}){0,24}$/;

/** How many curves can be pinned (a sixth would make the legend unreadable on a projector). */
export const MAX_PINS = 5;

const pin = (i: number): TextSpec =>
  text(`pin${i}`, {
    label: `Pinned curve ${i}`,
    help: `pinned comparison ${i}: the parameters of a pinned curve, key_value pairs joined by *`,
    default: '',
    pattern: PIN_PATTERN,
    maxLength: 600,
  });

export const uiParams = {
  embed: bool('embed', {
    label: 'Embed',
    help: 'Embed mode: a compact page without the header menus (for a slide or an iframe)',
    default: false,
  }),
  projector: bool('projector', {
    label: 'Projector',
    help: 'Projector mode: larger text and plots, readable from the back of a classroom',
    default: false,
  }),
  hide: text('hide', {
    label: 'Hidden parts',
    help: 'hidden panels and controls: comma-separated names (controls, readout, sim, explain, export, pins, or a control key such as p)',
    default: '',
    pattern: NAME_LIST,
    maxLength: 600,
  }),
  pin1: pin(1),
  pin2: pin(2),
  pin3: pin(3),
  pin4: pin(4),
  pin5: pin(5),
};
