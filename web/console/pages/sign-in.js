import { signIn } from '../api.js';
import { errorBox, field, h, show } from '../dom.js';

function demoAccounts(accounts, form) {
  const fill = (account) => () => {
    form.elements.email.value = account.email;
    form.elements.password.value = account.password;
    form.elements.email.focus();
  };
  return h(
    'section',
    { 'aria-labelledby': 'demo-title', 'data-testid': 'demo-accounts' },
    h('h2', { id: 'demo-title' }, 'Demo accounts'),
    h('p', {}, 'Choose one to fill the form (every password is ', h('code', {}, accounts[0]?.password ?? ''), ').'),
    h(
      'ul',
      { class: 'accounts' },
      accounts.map((account) =>
        h(
          'li',
          {},
          h(
            'button',
            { type: 'button', class: 'link', 'data-testid': `demo-account-${account.email}`, onclick: fill(account) },
            `${account.displayName} (${account.roles.join(', ')}): ${account.email}`,
          ),
        ),
      ),
    ),
  );
}

export async function render(main) {
  const status = h('div', {});
  const form = h(
    'form',
    { 'aria-labelledby': 'sign-in-title', 'data-testid': 'sign-in-form' },
    field('Email', { name: 'email', type: 'email', required: true, autocomplete: 'username' }),
    field('Password', { name: 'password', type: 'password', required: true, autocomplete: 'current-password' }),
    h('button', { type: 'submit' }, 'Sign in'),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await signIn(form.elements.email.value, form.elements.password.value);
      location.hash = '#/auctions';
    } catch (error) {
      show(status, errorBox(error));
    }
  });
  const demo = await fetch('/console/demo.json')
    .then((response) => response.json())
    .catch(() => ({ demo: false, accounts: [] }));
  show(main, h('h1', { id: 'sign-in-title' }, 'Sign in'), form, demo.demo && demoAccounts(demo.accounts, form));
}
