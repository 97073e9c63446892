/**
 * The Test dialog (docs/architecture.md, "A Test, step by step"): asks for the tenant, for a
 * password-grant profile in user-authorize mode the username, password and IDP form fields built from
 * their definitions, each typed `{{field}}`, and the grant's own Test inputs (GRANT_INFO testInputs), above the
 * "Will call" list filled in as the user types. Inputs are uncontrolled and read once on submit, so typed values
 * live only in the form until Run test resets it; they reach main as `formValues`, and the list holds secret
 * ones only masked. Enter runs, Escape cancels, focus stays inside.
 */
import { useRef, useState, type FormEvent } from 'react';
import { GRANT_INFO } from '../../../../src-shared/grants';
import type { ProfileView } from '../../../../src-shared/profile';
import { FormField } from '../../../components/form-field';
import {
  asksForCredentials,
  asksForValues,
  buildTestInput,
  hiddenValues,
  inputSpecs,
  tenantUrlFields,
  type InputSpec,
  type TestInput,
} from './test-input';
import { Modal } from '../../../components/modal';
import { WillCall } from './will-call';
import { shownValues } from './will-call-items';
import './test-dialog.css';

interface TestDialogProps {
  profile: ProfileView;
  /** The tenant of the last Test, offered again. */
  lastTenant: string;
  /** Errors main returned for the last submission, by input name. */
  initialErrors?: Record<string, string>;
  onRun(input: TestInput): void;
  onClose(): void;
}

function inputId(spec: InputSpec): string {
  return `test-input-${spec.name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

function helpFor(spec: InputSpec, profile: ProfileView): string | undefined {
  if (spec.name !== 'tenant')
    return spec.readOnly ? [spec.help, 'Read-only: sent as shown.'].filter(Boolean).join(' ') : spec.help;
  const where = tenantUrlFields(profile);
  return `${where.length > 0 ? `Replaces {tenant} in the ${where.join(', ')}. ` : ''}${spec.help ?? ''}`;
}

/** The modal that collects what a Test needs before it runs. */
export function TestDialog({ profile, lastTenant, initialErrors, onRun, onClose }: TestDialogProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Record<string, string>>(initialErrors ?? {});
  const specs = inputSpecs(profile, lastTenant);
  const hidden = Object.keys(hiddenValues(profile));
  const [tenant, setTenant] = useState(lastTenant);
  const [shown, setShown] = useState<Record<string, string>>(() =>
    Object.fromEntries(specs.filter((s) => s.key && s.type !== 'password').map((s) => [s.key, s.defaultValue])),
  );
  const onInput = (event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    // The input being edited loses its error (submit checks again); the list follows what is typed.
    const name = (event.target as HTMLInputElement).name;
    setErrors((current) =>
      name in current ? Object.fromEntries(Object.entries(current).filter(([k]) => k !== name)) : current,
    );
    setShown(shownValues(profile, form));
    setTenant(form.querySelector<HTMLInputElement>('input[name="tenant"]')?.value.trim() ?? '');
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const values: Record<string, string> = {};
    for (const [name, value] of new FormData(form)) if (typeof value === 'string') values[name] = value;
    const result = buildTestInput(profile, values, lastTenant);
    // A number or date input the browser could not parse reports "" in FormData: say so, not "required".
    const unreadable = Object.fromEntries(
      [...form.querySelectorAll('input')]
        .filter((input) => input.validity.badInput)
        .map((input) => [input.name, input.type === 'number' ? 'Enter a number' : 'Not a valid value']),
    );
    const fieldErrors = { ...(result.ok ? {} : result.errors), ...unreadable };
    if (!result.ok || Object.keys(unreadable).length > 0) {
      setErrors(fieldErrors);
      const first = specs.find((s) => fieldErrors[s.name]);
      if (first) form.querySelector<HTMLElement>(`#${inputId(first)}`)?.focus();
      return;
    }
    // Typed values leave the DOM before the run starts; `result.input` goes to main and is not kept.
    form.reset();
    setErrors({});
    onRun(result.input);
  };

  const cancel = () => {
    formRef.current?.reset();
    onClose();
  };

  return (
    <Modal
      open
      title={<>Test “{profile.name}”</>}
      onClose={cancel}
      describedBy="test-dialog-intro"
      className="test-dialog"
    >
      <form ref={formRef} noValidate onSubmit={submit} onInput={onInput} className="test-dialog__form">
        <div className="test-dialog__head">
          <p id="test-dialog-intro" className="test-dialog__intro">
            {asksForCredentials(profile)
              ? 'Sign in as the user this Test requests a token for. What you type is sent to this Test only: it is not saved.'
              : GRANT_INFO[profile.grantType].testInputs.length > 0
                ? 'Enter the values this Test sends. What you type is sent to this Test only: it is not saved.'
                : asksForValues(profile)
                  ? 'Enter the values this profile’s {{fields}} take. What you type is sent to this Test only: it is not saved.'
                  : 'This profile uses {tenant} in its URLs: enter the tenant to test with.'}
          </p>
        </div>
        {/* Only the fields scroll: the title and the buttons stay in view however many fields there are. */}
        <div className="test-dialog__body">
          <div className="test-dialog__fields">
            {specs.map((spec, index) => {
              const id = inputId(spec);
              return (
                <FormField
                  key={spec.name}
                  id={id}
                  label={spec.label}
                  required={spec.required}
                  help={helpFor(spec, profile)}
                  error={errors[spec.name]}
                >
                  {(control) => (
                    <input
                      {...control}
                      className="input"
                      name={spec.name}
                      type={spec.type}
                      defaultValue={spec.defaultValue}
                      disabled={spec.readOnly}
                      autoComplete={spec.autoComplete}
                      spellCheck={false}
                      data-autofocus={index === specs.findIndex((s) => !s.readOnly) ? '' : undefined}
                    />
                  )}
                </FormField>
              );
            })}
          </div>
          <p className="test-dialog__legend muted small">
            <span aria-hidden="true">* required.</span>
            {hidden.length > 0 ? ` Also sent with their profile values: ${hidden.join(', ')} (hidden).` : null}
          </p>
          <WillCall profile={profile} tenant={tenant} values={shown} />
        </div>
        <div className="dialog__actions test-dialog__foot">
          <button type="button" className="button" onClick={cancel}>
            Cancel
          </button>
          <button type="submit" className="button button--primary">
            Run test
          </button>
        </div>
      </form>
    </Modal>
  );
}
